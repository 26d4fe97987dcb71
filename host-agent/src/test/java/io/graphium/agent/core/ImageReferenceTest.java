package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "busybox, busybox, latest, null",
            "graphium/busybox:1, graphium/busybox, 1, null",
            "registry.local:5000/team/web, registry.local:5000/team/web, latest, null",
            "registry.local:5000/team/web:2.1, registry.local:5000/team/web, 2.1, null",
            "web@sha256:abc, web, null, sha256:abc",
            "web:1@sha256:abc, web, 1, sha256:abc"})
    void splitsRepositoryTagAndDigest(String image, String repository, String tag, String digest) {
        ImageReference reference = ImageReference.parse(image);

        assertThat(reference).isEqualTo(new ImageReference(repository, tag, digest));
        assertThat(reference.tagOrDigest()).isEqualTo(digest != null ? digest : tag);
    }

    @Test
    void refusesWhatIsNotAReference() {
        assertThatThrownBy(() -> ImageReference.parse("web:")).hasMessageContaining("not an image reference");
        assertThatThrownBy(() -> ImageReference.parse(" ")).hasMessageContaining("not an image reference");
    }
}
