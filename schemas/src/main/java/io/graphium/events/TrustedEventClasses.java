package io.graphium.events;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro (1.12.2+) refuses to load generated classes it does not trust, even our own enums when a builder fills in a
 * default. Every process that handles events calls {@link #register()} once at start-up, before any event class is
 * used: Spring applications through {@code kafka-conventions}, plain clients through {@code EventSerialization};
 * tests get the same trust from the {@code org.apache.avro.SERIALIZABLE_PACKAGES} property set by the build.
 */
public final class TrustedEventClasses {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private TrustedEventClasses() {
    }

    /** Adds this package to Avro's trusted classes; idempotent. */
    public static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            String trustedPackage = TrustedEventClasses.class.getPackageName();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> trustedPackage.equals(type.getPackageName())));
        }
    }
}
