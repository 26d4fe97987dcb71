# One image recipe for every Graphium service; SERVICE picks which. Build from the repository root after
# `./mvnw -B -ntp package -DskipTests`:
#   docker build --build-arg SERVICE=orchestrator-service -t graphium/orchestrator .
#   docker build --build-arg SERVICE=placement-service    -t graphium/placement .
#   docker build --build-arg SERVICE=host-agent           -t graphium/host-agent .
# The host agent drives the host's own Docker daemon through the mounted socket, never over the network; it runs
# as root in its container because the socket is root:docker on the host (see docs/operations.md):
#   docker run -d -v /var/run/docker.sock:/var/run/docker.sock -e GRAPHIUM_KAFKA=... graphium/host-agent
# JRE_IMAGE defaults to the public Temurin JRE; offline builds pass the project's jlinked JRE (graphium/jre:17).
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}
ARG SERVICE
# The jar, and the service's own JVM options where it has them (<service>/packaging/jvm.options, the file its
# packages install too); an empty options file otherwise.
COPY ${SERVICE}/target/${SERVICE}-*[0-9].jar ${SERVICE}/packaging/jvm.option[s] /opt/graphium/
RUN mv /opt/graphium/${SERVICE}-*.jar /opt/graphium/app.jar && touch /opt/graphium/jvm.options
WORKDIR /opt/graphium
# Container-aware heap: the services size themselves from the container's memory limit (unless their options
# set the heap).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "@/opt/graphium/jvm.options", "-jar", "/opt/graphium/app.jar"]
