package io.graphium.infra.archfixture.api;

import io.graphium.infra.archfixture.kafka.Adapter;

/** Fixture: an API class that uses an adapter. */
public final class Controller {
    public static String name() {
        return Adapter.NAME;
    }
}
