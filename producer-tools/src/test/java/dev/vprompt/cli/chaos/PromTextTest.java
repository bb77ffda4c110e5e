package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextTest {

    private static final String TEXT = """
            # HELP vp_in_flight Jobs in flight
            # TYPE vp_in_flight gauge
            vp_in_flight 12.0
            vp_ndarrays_live{device="cpu"} 140.0
            vp_ndarrays_live{device="gpu:0"} 141.0
            jvm_threads_live_threads 57.0
            vp_jobs_total{code="none",status="SUCCEEDED"} 9.0
            vp_jobs_total{code="IMAGE_CORRUPT",status="FAILED"} 2.0
            vp_in_flight_other 3.0
            """;

    @Test
    void shouldSumEverySeriesWhenNoLabelIsGiven() {
        assertThat(PromText.value(TEXT, "vp_ndarrays_live")).hasValue(281.0);
        assertThat(PromText.value(TEXT, "vp_in_flight")).hasValue(12.0);
        assertThat(PromText.value(TEXT, "jvm_threads_live_threads")).hasValue(57.0);
    }

    @Test
    void shouldKeepOnlyMatchingSeriesWhenLabelsAreGiven() {
        assertThat(PromText.value(TEXT, "vp_jobs_total", Map.of("status", "FAILED")))
                .hasValue(2.0);
        assertThat(PromText.value(TEXT, "vp_ndarrays_live", Map.of("device", "cpu")))
                .hasValue(140.0);
    }

    @Test
    void shouldBeEmptyWhenTheMetricIsAbsent() {
        assertThat(PromText.value(TEXT, "vp_partitions_paused")).isEmpty();
        assertThat(PromText.value(TEXT, "vp_jobs_total", Map.of("status", "CANCELLED")))
                .isEmpty();
    }
}
