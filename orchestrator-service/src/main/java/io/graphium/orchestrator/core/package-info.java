/**
 * The orchestrator's pure core: the stack definition model, its JSON-LD parser, validation, dependency waves and
 * cross-host environment injection. No Spring, Kafka, Avro or Docker here (an architecture test keeps it so); Jackson
 * appears only in {@link io.graphium.orchestrator.core.StackDefinitionParser}. Adapters convert to and from the Avro
 * contract (schemas/src/main/avro/types), whose records these mirror field by field.
 */
package io.graphium.orchestrator.core;
