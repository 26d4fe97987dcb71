package io.graphium.infra.archfixture.core;

/** Fixture: a core class that uses only the JDK and its own core. */
public final class PureLogic {
    public static int twice(int value) {
        return Math.multiplyExact(value, 2);
    }
}
