package io.graphium.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's reference grammar, as a table: what is read how, and what is refused with which reason. */
class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            busybox                                   | -                        | busybox            | -      | -        | docker.io
            nginx:1.27                                | -                        | nginx              | 1.27   | -        | docker.io
            library/nginx:1.27-alpine                 | -                        | library/nginx      | 1.27-alpine | -   | docker.io
            docker.io/library/nginx                   | docker.io                | library/nginx      | -      | -        | docker.io
            index.docker.io/library/nginx             | index.docker.io          | library/nginx      | -      | -        | docker.io
            registry.example.com:5000/team/web:1.2    | registry.example.com:5000 | team/web          | 1.2    | -        | registry.example.com:5000
            localhost/web:dev_1                       | localhost                | web                | dev_1  | -        | localhost
            localhost:5000/a/b/c                      | localhost:5000           | a/b/c              | -      | -        | localhost:5000
            Registry.Example.com/web                  | Registry.Example.com     | web                | -      | -        | registry.example.com
            [::1]:5000/web:1                          | [::1]:5000               | web                | 1      | -        | [::1]:5000
            my__app/some-thing.x_y:v1.0               | -                        | my__app/some-thing.x_y | v1.0 | -      | docker.io
            a--b/c:UPPER_tag                          | -                        | a--b/c             | UPPER_tag | -     | docker.io
            busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | - | busybox | - | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | docker.io
            ghcr.io/o/r:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | ghcr.io | o/r | 1 | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | ghcr.io
            """)
    void readsValidReferences(String image, String domain, String path, String tag, String digest, String registry) {
        ImageReference reference = ImageReference.parse(image);
        assertThat(reference).isEqualTo(new ImageReference(domain, path, tag, digest));
        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.toString()).isEqualTo(image);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "busybox; rm -rf /"          | ';' is not allowed in an image reference
            "busybox rm"                 | white space or a control character at position 8
            "busybox$(id)"               | '$' is not allowed
            "busybox&&true"              | '&' is not allowed
            "busy`id`"                   | '`' is not allowed
            "Busybox"                    | component 'Busybox' is not valid
            "team/Web:1"                 | (no upper case)
            "nginx:"                     | tag '' is not valid
            "nginx:-x"                   | tag '-x' is not valid
            "nginx:.x"                   | tag '.x' is not valid
            "team//web"                  | empty component
            "team/web/"                  | empty component
            ":1.0"                       | no repository name
            "registry.example.com/"      | no repository
            "web-"                       | component 'web-' is not valid
            "_web"                       | component '_web' is not valid
            "a___b"                      | component 'a___b' is not valid
            "a..b"                       | component 'a..b' is not valid
            "nginx@sha256:abc"           | digest 'sha256:abc' is not valid
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF" | digest
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00" | has 66 hex digits; sha256 needs 64
            "nginx@latest"               | digest 'latest' is not valid
            "reg-.example.com/web"       | registry 'reg-.example.com' is not a host name
            "localhost:99999/web"        | registry port '99999' is not a port number
            "a:b:c"                      | component 'a:b' is not valid
            """)
    void refusesInvalidReferencesSayingWhy(String image, String reason) {
        assertThatThrownBy(() -> ImageReference.parse(image))
                .isInstanceOf(ImageReference.InvalidImageReference.class)
                .hasMessageStartingWith("'" + image + "' is not a valid image reference: ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            128, true
            129, false
            """)
    void tagsAreAtMost128Characters(int length, boolean valid) {
        assertThat(ImageReference.problem("nginx:" + "t".repeat(length)).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            255, true
            256, false
            """)
    void namesAreAtMost255Characters(int length, boolean valid) {
        assertThat(ImageReference.problem("a".repeat(length)).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "busybox, busybox, latest",
            "graphium/busybox:1, graphium/busybox, 1",
            "registry.local:5000/team/web, registry.local:5000/team/web, latest",
            "registry.local:5000/team/web:2.1, registry.local:5000/team/web, 2.1",
            "web@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, web, sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "web:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, web, sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aPullTakesTheRepositoryAndTheDigestElseTheTagElseLatest(String image, String repository, String tagOrDigest) {
        ImageReference reference = ImageReference.parse(image);

        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tagOrDigest()).isEqualTo(tagOrDigest);
    }
}
