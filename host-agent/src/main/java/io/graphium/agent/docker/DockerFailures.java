package io.graphium.agent.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.agent.core.ContainerRuntimeException.Kind;
import java.io.IOException;
import java.util.function.Supplier;

/** Turns docker-java's exceptions into {@link ContainerRuntimeException}s that say what was being done. */
final class DockerFailures {

    private DockerFailures() {
    }

    /** Runs {@code call}, translating its failures; {@code what} names the operation, e.g. "create shop-web". */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    static ContainerRuntimeException translate(String what, RuntimeException e) {
        if (e instanceof ContainerRuntimeException already) {
            return already;
        }
        if (e instanceof NotFoundException) {
            return new ContainerRuntimeException(Kind.NOT_FOUND, rootMessage(e), e);
        }
        if (e instanceof ConflictException) {
            return new ContainerRuntimeException(Kind.CONFLICT, rootMessage(e), e);
        }
        if (e instanceof DockerException) {
            return new ContainerRuntimeException(Kind.FAILED, rootMessage(e), e);
        }
        if (causedByIo(e)) {
            return new ContainerRuntimeException(Kind.UNAVAILABLE, "the Docker daemon did not answer (" + what
                    + "): " + rootMessage(e), e);
        }
        return new ContainerRuntimeException(Kind.FAILED, what + " failed: " + rootMessage(e), e);
    }

    /** Docker's own message, or the innermost cause of a transport failure (docker-java wraps those). */
    static String rootMessage(Throwable e) {
        if (e instanceof DockerException && e.getMessage() != null) {
            return e.getMessage().strip();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return root.getMessage() == null ? name : name + ": " + root.getMessage().strip();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
