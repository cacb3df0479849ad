// Runs after the three builds of invoker.properties, which must succeed; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 4 : 'not all three builds ran'

// The `switch` keyword of Mixed.relu is at line 12, column 5 of Mixed.java.
def position = 'Mixed.java:12:5:'
def warning = log.readLines().find { it.contains(position) }
assert warning != null : "build.log does not name ${position}"
assert warning.contains('[WARNING]') : "not reported as a warning: ${warning}"
assert warning.contains('switch statement') : "the warning does not name the construct: ${warning}"

// (the third build removes the output: check the copy it kept of the first two builds')
def before = new File(basedir, 'target/before-third-build')
def kept = new File(before, 'generated-sources/ad/it/mixed/MixedGrad.java')
assert kept.isFile() : "not generated: ${kept}"
def source = kept.getText('UTF-8')
assert source.contains('public static double dcubedx(') : 'the good method has no derivative'
assert !source.contains('dreludx') : 'the bad method has a derivative'
assert !source.contains('reluGradient') && !source.contains('reluPullback')

assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/ : 'the IT tests did not run'

// The second build generates nothing, but reports the same warning: skipping generation must not
// hide a method that has no derivative.
def second = builds[1]
assert second.contains('ad4j: up to date, nothing generated') : 'the second build generated'
assert second.readLines().find { it.contains('[WARNING]') && it.contains(position) } == warning
def keptReport = new File(before, 'ad4j/report.md')
assert keptReport.isFile() && keptReport.getText('UTF-8').contains('Mixed.cube') : 'no report for the good method'
def generated = new File(basedir, 'target/generated-sources/ad/it/mixed/MixedGrad.java')
def report = new File(basedir, 'target/ad4j/report.md')

// The third build, with the good method no longer annotated, leaves nothing generated: its class
// and the report that described it are removed, and the bad method is still reported.
def third = builds[2]
assert third.contains('0 derivative classes in') && third.contains('1 stale removed')
assert !generated.exists() : 'the class of a method no longer annotated survived'
assert !report.exists() : "a report of methods that no longer have derivatives survived"
assert third.readLines().find { it.contains('[WARNING]') && it.contains(position) } != null
return true
