package io.graphium.agent.core;

/**
 * An image reference split the way Docker's pull API wants it: without a tag Docker would pull every tag of the
 * repository, so a reference without tag or digest means {@code :latest}.
 *
 * @param repository e.g. {@code registry.local:5000/team/web}
 * @param tag        e.g. {@code 1.2}, or null when a digest is given
 * @param digest     e.g. {@code sha256:...}, or null
 */
public record ImageReference(String repository, String tag, String digest) {

    public static ImageReference parse(String image) {
        if (image == null || image.isBlank() || image.strip().contains(" ")) {
            throw new IllegalArgumentException("'" + image + "' is not an image reference");
        }
        String rest = image.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        // A colon before the last slash belongs to a registry host:port, not to a tag.
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        if (rest.isEmpty() || (tag != null && tag.isEmpty()) || (digest != null && digest.isEmpty())) {
            throw new IllegalArgumentException("'" + image + "' is not an image reference");
        }
        return new ImageReference(rest, tag, digest);
    }

    /**
     * The registry the image is pulled from, the way Docker decides it: the first path component when it looks like
     * a host (has a '.' or a ':', or is {@code localhost}), else Docker Hub ({@code docker.io}). Lower case.
     */
    public String registryHost() {
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || "localhost".equals(first);
        return host ? RegistryCredentials.host(first) : RegistryCredentials.DOCKER_HUB;
    }

    /** What to pass as the tag parameter of a pull: the digest when there is one, else the tag. */
    public String tagOrDigest() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
