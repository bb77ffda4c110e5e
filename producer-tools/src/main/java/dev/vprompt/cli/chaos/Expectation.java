package dev.vprompt.cli.chaos;

/**
 * One thing a scenario promises, checked against what was measured.
 *
 * @param what the promise, e.g. "0 missing"
 * @param measured what the run showed, e.g. "3 missing"
 * @param met whether the promise held
 */
record Expectation(String what, String measured, boolean met) {

    static Expectation equal(String what, long expected, long measured) {
        return new Expectation(what, Long.toString(measured), expected == measured);
    }

    static Expectation atMost(String what, long bound, long measured) {
        return new Expectation(what, Long.toString(measured), measured <= bound);
    }
}
