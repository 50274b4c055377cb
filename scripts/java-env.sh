# Sourced by scripts/test.sh and ./faceflow: exports JAVA_HOME as a JDK of version 21 or newer.
# Keeps the caller's JAVA_HOME when it is new enough; otherwise takes the first of FACEFLOW_JDKS
# (default: the usual Temurin 25, 21 and distribution JDK folders) that is.
faceflow_java_feature() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

faceflow_pick_jdk() {
  local candidate version
  for candidate in ${JAVA_HOME:-} ${FACEFLOW_JDKS:-/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64}; do
    [ -x "$candidate/bin/java" ] || continue
    version="$(faceflow_java_feature "$candidate")"
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "faceflow needs a JDK of version 21 or newer (Temurin 25 is tested); JAVA_HOME=${JAVA_HOME:-unset} is older" \
       "or missing. Install one and set JAVA_HOME to it." >&2
  return 1
}

faceflow_pick_jdk
