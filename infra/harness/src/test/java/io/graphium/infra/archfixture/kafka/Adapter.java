package io.graphium.infra.archfixture.kafka;

/** Fixture: an adapter of the service. */
public final class Adapter {
    public static final String NAME = new StringBuilder("adapter").toString();
}
