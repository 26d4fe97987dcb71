# One image recipe for every Graphium service; SERVICE picks which. Build from the repository root after
# `./mvnw -B -ntp package -DskipTests`:
#   docker build --build-arg SERVICE=orchestrator-service -t graphium/orchestrator .
#   docker build --build-arg SERVICE=placement-service    -t graphium/placement .
#   docker build --build-arg SERVICE=host-agent           -t graphium/host-agent .
# The host agent drives the host's own Docker daemon through the mounted socket, never over the network:
#   docker run -d -v /var/run/docker.sock:/var/run/docker.sock -e GRAPHIUM_KAFKA=... graphium/host-agent
# JRE_IMAGE defaults to the public Temurin JRE; offline builds pass the project's jlinked JRE (graphium/jre:17).
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}
ARG SERVICE
COPY ${SERVICE}/target/${SERVICE}-*[0-9].jar /opt/graphium/app.jar
WORKDIR /opt/graphium
# Container-aware heap: the services size themselves from the container's memory limit.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/opt/graphium/app.jar"]
