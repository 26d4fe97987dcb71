package io.graphium.cli.stack;

import io.graphium.cli.DefinitionFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code stack deploy} and {@code stack plan} both take: the definition file, its stack id and overrides. */
public class DefinitionOptions {

    @Parameters(paramLabel = "FILE", description = "Stack definition file (JSON-LD)")
    private Path file;

    @Option(names = "--stack-id", paramLabel = "ID",
            description = "Use this stack id instead of one derived from the stack's name")
    private String stackId;

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "Override deployment.placementStrategy: auto, spread, datacenter or manual")
    private String strategy;

    @Option(names = "--location", paramLabel = "DC", description = "Override the definition's location (datacenter)")
    private String location;

    /** The definition to send, with the overrides applied. */
    public String definition() {
        return DefinitionFile.withOverrides(file, strategy, location);
    }

    public String stackId() {
        return stackId;
    }
}
