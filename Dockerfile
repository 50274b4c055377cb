# The faceflow image: every job (ingest, streams, enrol, train, ...) is a subcommand.
# Build: docker build -t faceflow .   Run: docker run --rm faceflow --help
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -Dmaven.test.skip=true -pl app -am install

FROM eclipse-temurin:25-jre
WORKDIR /opt/faceflow
COPY --from=build /src/app/target/classes ./classes
COPY --from=build /src/app/target/lib ./lib
# Native libraries unpack here once; models come from a mounted volume.
ENV FACEFLOW_MODELS=/models \
    DJL_CACHE_DIR=/opt/faceflow/cache/djl
RUN mkdir -p /models /opt/faceflow/cache && useradd --system --home /opt/faceflow faceflow \
    && chown -R faceflow /opt/faceflow
USER faceflow
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Dorg.bytedeco.javacpp.cachedir=/opt/faceflow/cache/javacpp", \
            "-cp", "/opt/faceflow/classes:/opt/faceflow/lib/*", "io.faceflow.app.Main"]
CMD ["--help"]
