#!/usr/bin/env bash
# Times `mvn generate-sources` on a synthetic project of 1,000 @Differentiable methods (100
# classes of 10), with and without the ad4j plugin, an unchanged rebuild and one after editing
# one file, in interleaved rounds, and prints as key=value lines (read by BenchmarkReport) each build's median time and
# the median of what the plugin added in each round. It builds the plugin from this checkout
# into a private local repository (a tree of links to ~/.m2/repository without io.github.ad4j),
# so the plugin timed is this checkout's whatever other builds install, and works offline once
# `mvn verify` has run.
# Usage: generator-speed.sh [work-directory]   (default: samples/benchmarks/target/generator-speed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# absolute: the script changes into it
work=$(realpath -m "${1:-$here/target/generator-speed}")
runs=${AD4J_SPEED_RUNS:-5}
version=0.1.0-SNAPSHOT

root=$(cd "$here/../.." && pwd)
m2=${M2_REPOSITORY:-$HOME/.m2/repository}

rm -rf "$work"
mkdir -p "$work/repo"
cp -rs "$m2/." "$work/repo/"
rm -rf "$work/repo/io/github/ad4j"
(cd "$root" && mvn -B -q -o -Dmaven.repo.local="$work/repo" -pl .,ad-annotations,ad-check,ad-core,ad-maven-plugin \
  install -DskipTests -Dinvoker.skip=true > "$work/install.log")
# The JMH jar for GeneratorBenchmark, with this checkout's ad-core (run-benchmarks.sh has just
# built it, and says so).
if [ -z "${AD4J_BENCHMARKS_JAR_BUILT:-}" ]; then
  (cd "$root" && mvn -B -q -o -Pjmh -pl samples/benchmarks -am package -DskipTests \
    -Dinvoker.skip=true > "$work/benchmarks-jar.log")
fi
cd "$work"

pom() { # $1 = file, $2 = plugin block or empty
  cat > "$1" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>synthetic</groupId>
  <artifactId>thousand-methods</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency>
      <groupId>io.github.ad4j</groupId>
      <artifactId>ad-annotations</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
$2
    </plugins>
  </build>
</project>
POM
}
pom pom-without.xml ""
pom pom.xml "      <plugin>
        <groupId>io.github.ad4j</groupId>
        <artifactId>ad-maven-plugin</artifactId>
        <version>$version</version>
        <executions><execution><goals><goal>generate</goal></goals></execution></executions>
      </plugin>"

# 100 classes of 10 methods each, four shapes in turn: straight-line code with Math calls, a
# loop over an array, a branch, a while loop with a call of another method of the class.
src=src/main/java/synthetic
mkdir -p "$src"
for c in $(seq 0 99); do
  {
    echo "package synthetic;"
    echo "import io.github.ad4j.Differentiable;"
    echo "public final class C$c {"
    echo "  private C$c() {}"
    echo "  static final double K = 0.$((c + 1));"
    for m in $(seq 0 9); do
      case $((m % 4)) in
        0) cat <<J
  @Differentiable
  public static double f$m(double x, double y) {
    double a = Math.sin(x) * y + K * x;
    double b = Math.exp(-a * a) + Math.log1p(y * y);
    return a * b - Math.sqrt(1 + x * x) / (2 + Math.cos(y));
  }
J
        ;;
        1) cat <<J
  @Differentiable(wrt = {"w", "b"})
  public static double f$m(double[] w, double b, double[][] x, double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      double r = Math.tanh(z) - y[i];
      total += r * r;
    }
    return total / x.length;
  }
J
        ;;
        2) cat <<J
  @Differentiable
  public static double f$m(double x, double y) {
    double s = x;
    if (x * y > 1) {
      s = Math.pow(x, 3) - y;
    } else if (x > 0) {
      s = Math.hypot(x, y) * K;
    } else {
      s = Math.atan2(y, x) + Math.abs(y);
    }
    return s * s + f$((m - 2)) (y, x);
  }
J
        ;;
        3) cat <<J
  @Differentiable(wrt = {"x0", "a"})
  public static double f$m(double x0, double a, int n) {
    double x = x0;
    int k = 0;
    while (k < n && Math.abs(x) < 100) {
      x = x + 0.01 * (a * Math.sin(x) - x);
      k++;
    }
    return x * x + a;
  }
J
        ;;
      esac
    done
    echo "}"
  } > "$src/C$c.java"
done

mvn=(mvn -B -q -o -Dmaven.repo.local="$work/repo")
# Maven's JVM set up for short runs (C1 only, serial GC), as a project can in .mvn/jvm.config:
# most of the CPU of a cold generation is the C2 compiler's.
tuned="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# Warm the local repository and the file cache once, untimed.
"${mvn[@]}" -f pom.xml generate-sources > /dev/null
"${mvn[@]}" -f pom-without.xml generate-sources > /dev/null

# An edit of one file of the hundred, which no other file names: its constant K changes, to
# and fro, so that every timed build after it sees an edit.
edited=$src/C50.java
toggleEdit() {
  if grep -q 'K = 0.51;' "$edited"; then sed -i 's/K = 0.51;/K = 0.515;/' "$edited"
  else sed -i 's/K = 0.515;/K = 0.51;/' "$edited"; fi
}

# $runs rounds, each timing the six builds one after the other, so that a burst of load on this
# shared machine slows the builds of one round alike: what the plugin adds is the median over
# the rounds of each round's difference, not the difference of medians taken minutes apart.
declare -A wall cpu
timed() { # $1 = key; the rest = the command
  local key=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" > /dev/null
  read -r w user sys < "$work/time.txt"
  wall[$key]+="$w "
  cpu[$key]+="$(echo "$user + $sys" | bc) "
}
for _ in $(seq "$runs"); do
  timed without "${mvn[@]}" -f pom-without.xml generate-sources
  timed clean bash -c "rm -rf target && ${mvn[*]} -f pom.xml generate-sources"
  timed unchanged "${mvn[@]}" -f pom.xml generate-sources
  toggleEdit
  timed oneEdited "${mvn[@]}" -f pom.xml generate-sources
  timed withoutTuned env MAVEN_OPTS="$tuned" "${mvn[@]}" -f pom-without.xml generate-sources
  timed cleanTuned bash -c "rm -rf target && MAVEN_OPTS='$tuned' ${mvn[*]} -f pom.xml generate-sources"
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# the median over the rounds of the differences of two lists of times, in the rounds' order
addsMedian() { paste -d' ' <(echo "$1" | tr ' ' '\n' | grep .) <(echo "$2" | tr ' ' '\n' | grep .) \
  | awk '{printf "%.2f\n", $1 - $2}' | median; }
# The generator alone, without Maven, in a fresh JVM and in a warm one (GeneratorBenchmark): what
# the cold JVM costs. JMH exits 0 when a benchmark throws (hence -foe) and writes no row for it.
score() { grep "GeneratorBenchmark.$1\"" "$work/generator-jmh.csv" | cut -d, -f5 || true; }
if java -jar "$here/target/benchmarks.jar" GeneratorBenchmark -foe true -p sources="$work/$src" \
    -rf csv -rff "$work/generator-jmh.csv" > "$work/generator-jmh.log" 2>&1; then
  coldGeneration=$(score coldGeneration)
  warmGeneration=$(score warmGeneration)
else
  echo "GeneratorBenchmark failed; see $work/generator-jmh.log" >&2
fi
generated=$(find target/generated-sources/ad -name '*.java' | wc -l)
lines=$(cat target/generated-sources/ad/synthetic/*.java | wc -l)

echo "methods=1000"
echo "runs=$runs"
for key in without clean unchanged oneEdited withoutTuned cleanTuned; do
  echo "$key=$(echo "${wall[$key]}" | median)"
  echo "${key}Cpu=$(echo "${cpu[$key]}" | median)"
done
echo "cleanAdds=$(addsMedian "${wall[clean]}" "${wall[without]}")"
echo "cleanAddsCpu=$(addsMedian "${cpu[clean]}" "${cpu[without]}")"
echo "unchangedAdds=$(addsMedian "${wall[unchanged]}" "${wall[without]}")"
echo "unchangedAddsCpu=$(addsMedian "${cpu[unchanged]}" "${cpu[without]}")"
echo "oneEditedAdds=$(addsMedian "${wall[oneEdited]}" "${wall[without]}")"
echo "oneEditedAddsCpu=$(addsMedian "${cpu[oneEdited]}" "${cpu[without]}")"
echo "cleanTunedAdds=$(addsMedian "${wall[cleanTuned]}" "${wall[withoutTuned]}")"
echo "tunedOptions=$tuned"
if [ -n "${coldGeneration:-}" ] && [ -n "${warmGeneration:-}" ]; then
  echo "coldGenerationMs=$coldGeneration"
  echo "warmGenerationMs=$warmGeneration"
fi
echo "generatedFiles=$generated"
echo "generatedLines=$lines"
echo "loadAverage=$(cut -d' ' -f1-3 /proc/loadavg)"
