# syntax=docker/dockerfile:1
# Tailguard native image: one image for every stage (QUARKUS_FUNQY_EXPORT=generate|score|blend|report selects the
# function at run time), the ingest webhook (TAILGUARD_TRIGGER_ENABLED=true) and the controller
# (TAILGUARD_CONTROLLER_ENABLED=true).
#
#   docker build -t dev.local/tailguard/tailguard:0.1.0 .
#   docker build -f Dockerfile.jvm -t dev.local/tailguard/tailguard:0.1.0-jvm .    # JVM variant, no native build
#
# Builder: Quarkus' Mandrel builder image (GraalVM native-image for JDK 21); the project compiles with release 17.
# Runtime: the Quarkus micro image (UBI 9 micro + glibc/zlib), running as the non-root user 1001.
ARG BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-21
ARG RUNTIME_IMAGE=quay.io/quarkus/ubi9-quarkus-micro-image:2.0

FROM ${BUILDER_IMAGE} AS build
COPY --chown=quarkus:quarkus --chmod=0755 mvnw /code/mvnw
COPY --chown=quarkus:quarkus .mvn /code/.mvn
COPY --chown=quarkus:quarkus pom.xml /code/
USER quarkus
WORKDIR /code
# Dependencies in their own layer, so source edits do not re-download them.
RUN ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline -DexcludeGroupIds=org.gaul
COPY --chown=quarkus:quarkus src /code/src
# Tests need S3Proxy/Kafka processes and run in CI (./mvnw verify), not in the image build (mdep.skip: no
# S3Proxy test jar download).
RUN ./mvnw -B -Dnative -DskipTests -Dmdep.skip=true package

FROM ${RUNTIME_IMAGE}
WORKDIR /work/
RUN chown 1001 /work && chmod "g+rwX" /work && chown 1001:root /work
COPY --from=build --chown=1001:root --chmod=0755 /code/target/*-runner /work/application
EXPOSE 8080
USER 1001
ENTRYPOINT ["./application", "-Dquarkus.http.host=0.0.0.0"]
