package io.graphium.orchestrator.core;

import static io.graphium.orchestrator.core.Definitions.parsed;
import static io.graphium.orchestrator.core.Definitions.stack;
import static io.graphium.orchestrator.core.Definitions.stackWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StackValidatorTest {

    private static final String WEB = "{'name':'web','image':'nginx'}";
    private static final String DB = "{'name':'db','image':'postgres:16'}";

    /** Each case breaks one rule once: {definition, path, message}. */
    static Stream<Arguments> rules() {
        return Stream.of(
                argumentSet("stack without a name", Definitions.json("{'itemListElement':[" + WEB + "]}"),
                        "$.name", "name is missing; every stack needs a name"),
                argumentSet("stack without containers", stack(),
                        "$.itemListElement", "the stack has no containers; list them in itemListElement"),
                argumentSet("container without a name", stack(WEB, "{'image':'redis'}"),
                        "$.itemListElement[1].name",
                        "container at itemListElement[1] has no name; every container needs one"),
                argumentSet("container name too short", stack("{'name':'w','image':'nginx'}"),
                        "$.itemListElement[0].name", "container name 'w' is not valid for Docker; use 2 or more "
                                + "letters, digits, '_', '.' or '-', starting with a letter or digit"),
                argumentSet("container name with a bad character", stack("{'name':'-web','image':'nginx'}"),
                        "$.itemListElement[0].name", "container name '-web' is not valid for Docker; use 2 or more "
                                + "letters, digits, '_', '.' or '-', starting with a letter or digit"),
                argumentSet("container without an image", stack("{'name':'web'}"),
                        "$.itemListElement[0].image", "container 'web' has no image; set image, e.g. \"nginx:1.27\""),
                argumentSet("position below 1", stack("{'name':'web','image':'nginx','position':0}"),
                        "$.itemListElement[0].position", "container 'web': position 0 must be 1 or more"),
                argumentSet("duplicate container names", stack(WEB, WEB),
                        "$.itemListElement[1].name", "container name 'web' is also used by itemListElement[0]; "
                                + "names must be unique within a stack"),
                argumentSet("duplicate positions", stack("{'name':'web','image':'nginx','position':1}",
                                "{'name':'db','image':'postgres','position':1}"),
                        "$.itemListElement[1].position", "container 'db': position 1 is also used by container "
                                + "'web'; positions must be unique"),
                argumentSet("names giving the same variable prefix", stack("{'name':'my-db','image':'postgres'}",
                                "{'name':'my.db','image':'postgres'}"),
                        "$.itemListElement[1].name", "container 'my.db' and container 'my-db' would both get "
                                + "variables named MY_DB_ENDPOINT; rename one"),
                argumentSet("containerPort 0", stack("{'name':'web','image':'nginx','ports':[{'containerPort':0}]}"),
                        "$.itemListElement[0].ports[0].containerPort",
                        "container 'web': containerPort 0 is out of range; use 1-65535"),
                argumentSet("containerPort above 65535",
                        stack("{'name':'web','image':'nginx','ports':[{'containerPort':65536}]}"),
                        "$.itemListElement[0].ports[0].containerPort",
                        "container 'web': containerPort 65536 is out of range; use 1-65535"),
                argumentSet("hostPort above 65535",
                        stack("{'name':'web','image':'nginx','ports':[{'containerPort':80,'hostPort':70000}]}"),
                        "$.itemListElement[0].ports[0].hostPort", "container 'web': hostPort 70000 is out of range; "
                                + "use 1-65535, or 0 to leave the port unpublished"),
                argumentSet("negative hostPort",
                        stack("{'name':'web','image':'nginx','ports':[{'containerPort':80,'hostPort':-1}]}"),
                        "$.itemListElement[0].ports[0].hostPort", "container 'web': hostPort -1 is out of range; "
                                + "use 1-65535, or 0 to leave the port unpublished"),
                argumentSet("host port published twice",
                        stack("{'name':'web','image':'nginx','ports':[{'containerPort':80,'hostPort':8080}]}",
                                "{'name':'api','image':'api','ports':[{'containerPort':3000,'hostPort':8080}]}"),
                        "$.itemListElement[1].ports[0].hostPort", "container 'api': hostPort 8080/tcp is already "
                                + "published by container 'web'; each published port must be unique within the stack"),
                argumentSet("unknown dependency", stack(WEB, "{'name':'api','image':'api','dependsOn':['cache']}"),
                        "$.itemListElement[1].dependsOn",
                        "container 'api' depends on 'cache', which is not a container of this stack"),
                argumentSet("unknown software requirement",
                        stack("{'name':'api','image':'api','softwareRequirements':[{'name':'cache'}]}"),
                        "$.itemListElement[0].dependsOn",
                        "container 'api' depends on 'cache', which is not a container of this stack"),
                argumentSet("self-dependency", stack("{'name':'api','image':'api','requirements':['api']}"),
                        "$.itemListElement[0].dependsOn", "container 'api' depends on itself"),
                argumentSet("dependency cycle", stack("{'name':'api','image':'api','dependsOn':['db']}",
                                "{'name':'db','image':'postgres','dependsOn':['api']}"),
                        "$.itemListElement[0].dependsOn",
                        "dependency cycle: api -> db -> api; none of these containers could ever start"),
                argumentSet("cycle named from its first-defined member", stack(
                                "{'name':'web','image':'nginx','dependsOn':['api']}",
                                "{'name':'cache','image':'redis','dependsOn':['api']}",
                                "{'name':'api','image':'api','dependsOn':['db']}",
                                "{'name':'db','image':'postgres','dependsOn':['cache']}"),
                        "$.itemListElement[1].dependsOn", "dependency cycle: cache -> api -> db -> cache; "
                                + "none of these containers could ever start"),
                argumentSet("manual strategy without a constraint for a container", stackWith(
                                "'deployment':{'placementStrategy':'manual','hostConstraints':"
                                        + "[{'containerName':'web','targetHost':'host1'}]}", WEB, DB),
                        "$.deployment.hostConstraints",
                        "placementStrategy manual needs a hostConstraint with a targetHost for container 'db'"),
                argumentSet("manual strategy with a constraint lacking targetHost", stackWith(
                                "'deployment':{'placementStrategy':'manual','hostConstraints':"
                                        + "[{'containerName':'web','minCpu':2}]}", WEB),
                        "$.deployment.hostConstraints[0].targetHost",
                        "placementStrategy manual needs a targetHost in the hostConstraint for container 'web'"),
                argumentSet("update parallelism zero", stackWith(
                                "'deployment':{'update':{'parallelism':0}}", WEB),
                        "$.deployment.update.parallelism",
                        "update parallelism 0 must be at least 1: how many containers are replaced at a time"),
                argumentSet("update deadline zero", stackWith("'deployment':{'update':{'deadline':'0s'}}", WEB),
                        "$.deployment.update.deadline", "update deadline must be positive: how long the update may "
                                + "take before its failureAction applies"),
                argumentSet("update minHealthy negative", stackWith("'deployment':{'update':{'minHealthy':-5}}",
                                WEB),
                        "$.deployment.update.minHealthy", "update minHealthy -5 s is negative"),
                argumentSet("constraint naming an unknown container", stackWith(
                                "'deployment':{'hostConstraints':[{'containerName':'cache','targetHost':'h1'}]}", WEB),
                        "$.deployment.hostConstraints[0].containerName",
                        "hostConstraint names container 'cache', which is not a container of this stack"),
                argumentSet("constraint without containerName", stackWith(
                                "'deployment':{'hostConstraints':[{'targetHost':'h1'}]}", WEB),
                        "$.deployment.hostConstraints[0].containerName",
                        "hostConstraint has no containerName; say which container it constrains"),
                argumentSet("two constraints for one container", stackWith(
                                "'deployment':{'hostConstraints':[{'containerName':'web','minCpu':1},"
                                        + "{'containerName':'web','minMemory':1024}]}", WEB),
                        "$.deployment.hostConstraints[1].containerName", "container 'web' already has a "
                                + "hostConstraint at hostConstraints[0]; put all its requirements in one"),
                argumentSet("negative minCpu", stackWith(
                                "'deployment':{'hostConstraints':[{'containerName':'web','minCpu':-0.5}]}", WEB),
                        "$.deployment.hostConstraints[0].minCpu", "hostConstraint for 'web': minCpu -0.5 is negative"),
                argumentSet("negative minMemory", stackWith(
                                "'deployment':{'hostConstraints':[{'containerName':'web','minMemory':-1}]}", WEB),
                        "$.deployment.hostConstraints[0].minMemory",
                        "hostConstraint for 'web': minMemory -1 is negative"),
                argumentSet("datacenter strategy without location",
                        stackWith("'deployment':{'placementStrategy':'datacenter'}", WEB),
                        "$.location", "placementStrategy datacenter needs a location: the datacenter to deploy into"),
                argumentSet("environment name with a dash",
                        stack("{'name':'web','image':'nginx','environment':{'MY-VAR':'x'}}"),
                        "$.itemListElement[0].environment['MY-VAR']", "container 'web': environment variable name "
                                + "'MY-VAR' is not valid; use letters, digits and '_', not starting with a digit"),
                argumentSet("environment name starting with a digit",
                        stack("{'name':'web','image':'nginx','environment':{'1ST':'x'}}"),
                        "$.itemListElement[0].environment['1ST']", "container 'web': environment variable name "
                                + "'1ST' is not valid; use letters, digits and '_', not starting with a digit"),
                argumentSet("negative cpu", stack("{'name':'web','image':'nginx','resources':{'cpu':-1}}"),
                        "$.itemListElement[0].resources.cpu",
                        "container 'web': resources.cpu -1 is negative; give the cores to reserve"),
                argumentSet("negative memory", stack("{'name':'web','image':'nginx','resources':{'memory':'-1Gi'}}"),
                        "$.itemListElement[0].resources.memory",
                        "container 'web': resources.memory -1073741824 is negative; give the bytes to reserve"),
                argumentSet("command health check without a command",
                        stack("{'name':'web','image':'nginx','healthCheck':{'type':'command'}}"),
                        "$.itemListElement[0].healthCheck.command",
                        "container 'web': a command health check needs a command"),
                argumentSet("http health check without a path", stack("{'name':'web','image':'nginx',"
                                + "'ports':[{'containerPort':80,'hostPort':80}],'healthCheck':{'type':'http'}}"),
                        "$.itemListElement[0].healthCheck.path",
                        "container 'web': an http health check needs a path, e.g. \"/health\""),
                argumentSet("http health check on an unpublished port", stack("{'name':'web','image':'nginx',"
                                + "'ports':[{'containerPort':80,'hostPort':80},{'containerPort':9090}],"
                                + "'healthCheck':{'path':'/health','port':9090}}"),
                        "$.itemListElement[0].healthCheck.port", "container 'web': healthCheck.port 9090 is not a "
                                + "published containerPort of the container; http checks use its published host port"),
                argumentSet("tcp health check without any published port",
                        stack("{'name':'db','image':'postgres','healthCheck':{'type':'tcp'}}"),
                        "$.itemListElement[0].healthCheck.port", "container 'db': a tcp health check needs a "
                                + "published port, and the container publishes none"),
                argumentSet("health check interval 0",
                        stack("{'name':'web','image':'nginx','healthCheck':{'command':['true'],'interval':0}}"),
                        "$.itemListElement[0].healthCheck.interval",
                        "container 'web': healthCheck.interval 0s must be more than 0"),
                argumentSet("negative health check timeout",
                        stack("{'name':'web','image':'nginx','healthCheck':{'command':['true'],'timeout':-0.5}}"),
                        "$.itemListElement[0].healthCheck.timeout",
                        "container 'web': healthCheck.timeout -500ms must be more than 0"),
                argumentSet("negative start period",
                        stack("{'name':'web','image':'nginx','healthCheck':{'command':['true'],'startPeriod':-1}}"),
                        "$.itemListElement[0].healthCheck.startPeriod",
                        "container 'web': healthCheck.startPeriod -1s is negative"),
                argumentSet("negative retries",
                        stack("{'name':'web','image':'nginx','healthCheck':{'command':['true'],'retries':-1}}"),
                        "$.itemListElement[0].healthCheck.retries",
                        "container 'web': healthCheck.retries -1 is negative"),
                argumentSet("mount without target",
                        stack("{'name':'db','image':'postgres','volumeMounts':[{'source':'data'}]}"),
                        "$.itemListElement[0].volumeMounts[0].target",
                        "container 'db': volume mount has no target path"),
                argumentSet("mount with a relative target",
                        stack("{'name':'db','image':'postgres','volumeMounts':[{'source':'data','target':'data'}]}"),
                        "$.itemListElement[0].volumeMounts[0].target",
                        "container 'db': volume mount target 'data' must be an absolute path inside the container"),
                argumentSet("volume mount without source",
                        stack("{'name':'db','image':'postgres','volumeMounts':[{'type':'volume','target':'/d'}]}"),
                        "$.itemListElement[0].volumeMounts[0].source",
                        "container 'db': a volume mount needs a source (volume name or host path)"),
                argumentSet("bind mount with a relative source", stack("{'name':'db','image':'postgres',"
                                + "'volumeMounts':[{'type':'bind','source':'./conf','target':'/conf'}]}"),
                        "$.itemListElement[0].volumeMounts[0].source",
                        "container 'db': bind mount source './conf' must be an absolute path on the host"));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void reportsEachBrokenRuleWithItsPathAndMessage(String json, String path, String message) {
        assertThat(StackValidator.validate(parsed(json))).containsExactly(new Problem(path, message));
    }

    static Stream<Arguments> validDefinitions() {
        return Stream.of(
                argumentSet("one host port over tcp and udp", stack(
                        "{'name':'dns','image':'coredns','ports':[{'containerPort':53,'hostPort':53},"
                                + "{'containerPort':53,'hostPort':53,'protocol':'udp'}]}")),
                argumentSet("unpublished ports may repeat", stack(
                        "{'name':'web','image':'nginx','ports':[{'containerPort':80}]}",
                        "{'name':'api','image':'api','ports':[{'containerPort':80,'hostPort':0}]}")),
                argumentSet("manual strategy with every container constrained", stackWith(
                        "'deployment':{'placementStrategy':'manual','hostConstraints':["
                                + "{'containerName':'web','targetHost':'h1'},"
                                + "{'containerName':'db','targetHost':'h2'}]}",
                        WEB, DB)),
                argumentSet("datacenter strategy with location",
                        stackWith("'location':'eu','deployment':{'placementStrategy':'datacenter'}", WEB)),
                argumentSet("tcp health check on the first published port", stack(
                        "{'name':'db','image':'postgres','ports':[{'containerPort':5432,'hostPort':5432}],"
                                + "'healthCheck':{'type':'tcp'}}")),
                argumentSet("tmpfs mount without source",
                        stack("{'name':'db','image':'pg','volumeMounts':[{'type':'tmpfs','target':'/run'}]}")),
                argumentSet("the full-featured definition", Definitions.file("full-featured.json")));
    }

    @ParameterizedTest
    @MethodSource("validDefinitions")
    void acceptsValidDefinitions(String json) {
        assertThat(StackValidator.validate(parsed(json))).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String json = stackWith("'deployment':{'placementStrategy':'datacenter'}",
                "{'name':'web','ports':[{'containerPort':80,'hostPort':8080}],'dependsOn':['cache']}",
                "{'name':'web','image':'nginx','ports':[{'containerPort':81,'hostPort':8080}]}");

        assertThat(StackValidator.validate(parsed(json))).extracting(Problem::path).containsExactly(
                "$.itemListElement[0].image",
                "$.itemListElement[1].ports[0].hostPort",
                "$.itemListElement[1].name",
                "$.itemListElement[0].dependsOn",
                "$.location");
    }

    @Test
    void toleratesTheStandInsOfUnreadableParts() {
        ParseResult result = StackDefinitionParser.parse(Definitions.json(
                "{'name':'shop','itemListElement':[7,{'name':'web','image':'nginx','ports':['80:80']}],"
                        + "'deployment':{'hostConstraints':[true]}}"));

        assertThat(StackValidator.validate(result.definition())).isNotEmpty();
    }
}
