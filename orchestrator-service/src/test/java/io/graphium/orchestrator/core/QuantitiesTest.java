package io.graphium.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"536870912, 536870912", "512Mi, 536870912", "2Gi, 2147483648", "1.5Gi, 1610612736",
            "64Ki, 65536", "1Ti, 1099511627776", "500M, 500000000", "2G, 2000000000", "1k, 1000", "1K, 1000",
            "'512 Mi', 536870912", "0.5, 0", "-1Mi, -1048576"})
    void readsMemory(String text, long bytes) {
        assertThat(Quantities.memoryBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "512m | has an unknown unit 'm'; use Ki, Mi, Gi, Ti (powers of 1024, so Docker's 512m is 512Mi) or k, M, "
                    + "G, T (powers of 1000)",
            "2GB  | has an unknown unit 'GB'; use Ki, Mi, Gi, Ti (powers of 1024, so Docker's 512m is 512Mi) or k, M, "
                    + "G, T (powers of 1000)",
            "lots | is not a memory size; write bytes (536870912) or a number with a unit such as 512Mi or 2Gi",
            "99999999Ti | is far too large"})
    void refusesUnclearMemory(String text, String why) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantities.memoryBytes(text)).withMessage(why);
    }

    @ParameterizedTest
    @CsvSource({"2, 2.0", "1.5, 1.5", "500m, 0.5", "250m, 0.25", "-1, -1.0"})
    void readsCpu(String text, double cores) {
        assertThat(Quantities.cpuCores(text)).isEqualTo(cores);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two", "1 core", "500mc", ""})
    void refusesUnclearCpu(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantities.cpuCores(text))
                .withMessage("is not a CPU amount; write cores (1.5) or millicores (500m)");
    }

    @ParameterizedTest
    @CsvSource({"30, 30000", "0.5, 500", "30s, 30000", "500ms, 500", "1m30s, 90000", "2h, 7200000",
            "1m, 60000", "PT15S, 15000", "-1s, -1000", "0, 0"})
    void readsDurations(String text, long millis) {
        assertThat(Quantities.duration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"often", "10 s", "1d", "s", "30s5", "P1X"})
    void refusesUnclearDurations(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantities.duration(text))
                .withMessage("is not a duration; write seconds (30) or a value such as 30s, 500ms or 1m30s");
    }
}
