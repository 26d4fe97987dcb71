/**
 * The orchestrator's pure core: the stack definition model, its JSON-LD parser, validation, cross-host environment
 * injection and the lifecycle (its dependency waves: {@code lifecycle.ContainerReadiness}). No Spring, Kafka, Avro or
 * Docker here (an architecture test keeps it so); Jackson appears only in
 * {@link io.graphium.orchestrator.core.StackDefinitionParser}. Adapters convert to and from the Avro contract
 * (schemas/src/main/avro/types), whose records these mirror field by field.
 */
package io.graphium.orchestrator.core;
