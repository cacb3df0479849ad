// Runs after the two builds of invoker.properties, which must succeed; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 3 : 'not both builds ran'

// The `switch` keyword of Mixed.relu is at line 12, column 5 of Mixed.java.
def position = 'Mixed.java:12:5:'
def warning = log.readLines().find { it.contains(position) }
assert warning != null : "build.log does not name ${position}"
assert warning.contains('[WARNING]') : "not reported as a warning: ${warning}"
assert warning.contains('switch statement') : "the warning does not name the construct: ${warning}"

def generated = new File(basedir, 'target/generated-sources/ad/it/mixed/MixedGrad.java')
assert generated.isFile() : "not generated: ${generated}"
def source = generated.getText('UTF-8')
assert source.contains('public static double dcubedx(') : 'the good method has no derivative'
assert !source.contains('dreludx') : 'the bad method has a derivative'
assert !source.contains('reluGradient') && !source.contains('reluPullback')

assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/ : 'the IT tests did not run'

// The second build generates nothing, but reports the same warning: skipping generation must not
// hide a method that has no derivative.
def second = builds[1]
assert second.contains('ad4j: up to date, nothing generated') : 'the second build generated'
assert second.readLines().find { it.contains('[WARNING]') && it.contains(position) } == warning
return true
