# The faceflow image for CPUs: every job (ingest, streams, enroll, train, ...) is a subcommand.
#   docker build -t faceflow .            docker run --rm faceflow --help
# Dockerfile.cuda is the GPU variant. Both run as the unprivileged user 10001. No HEALTHCHECK here:
# its port depends on the subcommand, so compose.yaml and the Kubernetes probes name it
# (/opt/faceflow/healthcheck PORT, or the /health/live and /health/ready endpoints).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -Dmaven.test.skip=true -pl app -am install

FROM eclipse-temurin:25-jre
WORKDIR /opt/faceflow
RUN useradd --system --uid 10001 --user-group --home-dir /opt/faceflow faceflow \
    && mkdir -p /models /opt/faceflow/cache /var/lib/faceflow/streams-state \
    && chown -R 10001:10001 /opt/faceflow /models /var/lib/faceflow
COPY --from=build /src/app/target/classes ./classes
COPY --from=build /src/app/target/lib ./lib
COPY --chmod=755 docker/entrypoint docker/healthcheck ./
# Models (YuNet, bundles) come from a mounted volume; native libraries unpack under cache/ once;
# /var/lib/faceflow is the stream processor's state (a fresh volume mounted there takes its owner).
ENV FACEFLOW_MODELS=/models \
    DJL_CACHE_DIR=/opt/faceflow/cache/djl
USER 10001
ENTRYPOINT ["/opt/faceflow/entrypoint"]
CMD ["--help"]
