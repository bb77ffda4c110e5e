package dev.vprompt.cli.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one scenario in a fresh environment and cleans up after it: the work directory is deleted unless the run
 * failed, an expectation was not met, or it was asked to be kept.
 *
 * <p>Runs on the caller's thread.
 */
final class ChaosRunner {

    private ChaosRunner() {}

    static ChaosReport run(ChaosSettings s, PrintWriter progress) throws Exception {
        Path workDir = s.workDir() != null
                ? Files.createDirectories(s.workDir().resolve(s.scenario().command()))
                : Files.createTempDirectory("vp-chaos-" + s.scenario().command() + "-");
        ChaosEnvironment env = new ChaosEnvironment(s, workDir, progress);
        ChaosReport report;
        try {
            report = switch (s.scenario()) {
                case KILL -> KillScenario.run(env, s);
                case STORE_OUTAGE -> StoreOutageScenario.run(env, s);
                case BROKER_RESTART -> BrokerRestartScenario.run(env, s);
                case SOAK -> SoakScenario.run(env, s);
            };
        } catch (Exception | Error e) {
            env.close();
            env.say("failed; processes stopped, logs kept in " + workDir.resolve("logs"));
            throw e;
        }
        env.close();
        if (s.keep() || !report.passed()) {
            env.say("work directory kept: " + workDir);
        } else {
            delete(env);
        }
        return report;
    }

    private static void delete(ChaosEnvironment env) {
        try {
            env.deleteWorkDir();
        } catch (IOException e) {
            env.say("could not delete " + env.workDir() + ": " + e.getMessage());
        }
    }
}
