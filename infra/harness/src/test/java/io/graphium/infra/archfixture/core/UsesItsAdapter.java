package io.graphium.infra.archfixture.core;

import io.graphium.infra.archfixture.kafka.Adapter;

/** Fixture: a core class that uses its service's adapter. */
public final class UsesItsAdapter {
    public static String name() {
        return Adapter.NAME + PureLogic.twice(1);
    }
}
