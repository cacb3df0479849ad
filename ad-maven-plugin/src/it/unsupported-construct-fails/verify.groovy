// Runs after the IT build, which invoker.properties expects to fail; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')

// The `switch` keyword of Bad.relu is at line 12, column 5 of Bad.java.
def position = 'Bad.java:12:5:'
def line = log.readLines().find { it.contains(position) }
assert line != null : "build.log does not name ${position}"
assert line.contains('switch statement') : "the diagnostic does not name the construct: ${line}"

// A user error, reported as such: not an internal error of the plugin.
assert log.contains('BUILD FAILURE')
assert !log.contains('internal error') : 'reported as an internal error'

// Nothing is written when the build fails.
assert !new File(basedir, 'target/generated-sources/ad/it/bad/BadGrad.java').exists()
// ... and no fingerprint is recorded, so the next build tries again.
assert !new File(basedir, 'target/ad4j/generate.fingerprint').exists() : 'a failed run was recorded'
return true
