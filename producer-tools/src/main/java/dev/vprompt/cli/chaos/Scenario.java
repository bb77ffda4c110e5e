package dev.vprompt.cli.chaos;

import java.util.Locale;

/** The scenarios of {@code vp chaos}, by command name. */
enum Scenario {
    KILL,
    STORE_OUTAGE,
    BROKER_RESTART,
    SOAK;

    /** {@code kill}, {@code store-outage}, {@code broker-restart}, {@code soak}. */
    String command() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
