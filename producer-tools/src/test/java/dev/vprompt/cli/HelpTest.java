package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code --help} of every command and subcommand, found by walking picocli's command tree (so a new command is covered
 * without touching this test): usage on standard output, exit 0, and nothing on standard error. Picocli reports a
 * description it cannot format (an unescaped {@code %}, say) as a {@code [picocli WARN]} line on the process's
 * standard error, which {@link VpRun} captures.
 */
class HelpTest {

    /** The argument path of every command below {@code vp}, depth first: {@code [bench, model]}, ... */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Vp()), List.of(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases would only repeat a command
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                collect(sub, longer, paths);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> shouldPrintUsageAndNothingElseWhenAnyCommandIsAskedForHelp() {
        return commandPaths().stream()
                .map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --help", () -> {
                    // Given
                    List<String> args = new ArrayList<>(path);
                    args.add("--help");

                    // When
                    VpRun run = VpRun.of(args.toArray(String[]::new));

                    // Then
                    String usage = "Usage: " + String.join(" ", concat("vp", path)) + " ";
                    assertThat(run.exitCode()).isZero();
                    assertThat(run.err()).isEmpty();
                    assertThat(run.out().lines()).anyMatch(line -> line.startsWith(usage));
                    assertThat(run.out()).doesNotContain("[picocli");
                }));
    }

    @Test
    void shouldFindEveryLevelOfTheTreeWhenWalkingIt() {
        // When
        List<List<String>> paths = commandPaths();

        // Then: the root, top-level commands and nested subcommands are all there
        assertThat(paths)
                .contains(List.of(), List.of("eval"), List.of("bench"), List.of("bench", "model"))
                .contains(List.of("bench", "checkpoint"), List.of("bench", "pipeline"));
    }

    @Test
    void shouldOfferAKafkaClientConfigWhenACommandTalksToKafka() {
        // Given: every command that takes a Kafka address
        List<CommandLine> kafkaCommands = new ArrayList<>();
        collectCommands(new CommandLine(new Vp()), kafkaCommands);
        kafkaCommands.removeIf(c -> c.getCommandSpec().findOption("--bootstrap") == null);

        // When / Then: each also takes the client properties a TLS/SASL cluster needs
        assertThat(kafkaCommands)
                .extracting(CommandLine::getCommandName)
                .contains("submit", "await", "loadgen", "eval");
        assertThat(kafkaCommands)
                .allSatisfy(c -> assertThat(c.getCommandSpec().findOption("--kafka-config"))
                        .as(c.getCommandName())
                        .isNotNull());
    }

    private static void collectCommands(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                collectCommands(sub, all);
            }
        });
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
