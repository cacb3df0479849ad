// Runs after the six builds of invoker.properties; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 7 : 'not all six builds ran'
def (first, second, third, fourth, fifth, sixth) = [builds[0], builds[1], builds[2], builds[3], builds[4], builds[5]]

// The first build skips tests, and so generate-test; generate still runs.
assert first.contains('ad4j: skipped (maven.test.skip)')
assert first.contains('read 2 source files, generated for all, 2 derivative classes in')

// Each goal wrote its own classes only, into its own directory; the test output is new in the
// second build, so the first wrote nothing there.
def main = new File(basedir, 'target/generated-sources/ad/it/fit')
def test = new File(basedir, 'target/generated-test-sources/ad/it/fit')
assert main.list().sort() == ['ModelGrad.java', 'UnrelatedGrad.java'] : "main output: ${main.list()}"
assert test.list() as List == ['SquaredErrorGrad.java'] : "test output: ${test.list()}"
assert second.contains('read 2 source files (and 2 files of context), generated for all, 1 derivative class in ' + test.parentFile.parentFile.canonicalPath + ': 1 written') : 'generate-test did not read the main sources as context'
// The test-source method calls the main-source method's gradient form; both are compiled where they
// belong.
assert new File(test, 'SquaredErrorGrad.java').getText('UTF-8').contains('ModelGrad.predictGradient(')
assert new File(basedir, 'target/test-classes/it/fit/SquaredErrorGrad.class').isFile()
assert !new File(basedir, 'target/classes/it/fit/SquaredErrorGrad.class').exists()
assert second =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/ : 'the IT tests did not run'

// The third build finds both goals up to date, each with its own record.
assert third.contains('ad4j: up to date, nothing generated (read 2 source files; 2 derivative classes in ' + main.parentFile.parentFile.canonicalPath + ' unchanged)')
assert third.contains('ad4j: up to date, nothing generated (read 2 source files (and 2 files of context); 1 derivative class in ' + test.parentFile.parentFile.canonicalPath + ' unchanged)')
assert new File(basedir, 'target/ad4j/generate.fingerprint').isFile()
assert new File(basedir, 'target/ad4j/generate-test.fingerprint').isFile()

// The fourth build edits a main source no test source names: generate regenerates it alone, and
// generate-test, whose context it is, nothing.
assert fourth.contains('ad4j: read 2 source files, generated for 1 of them (the rest, and what they depend on, are unchanged), 2 derivative classes in ' + main.parentFile.parentFile.canonicalPath + ': 1 written')
assert fourth.contains('ad4j: read 2 source files (and 2 files of context), generated for 0 of them (the rest, and what they depend on, are unchanged), 1 derivative class in ' + test.parentFile.parentFile.canonicalPath + ': 0 written')
assert new File(main, 'UnrelatedGrad.java').getText('UTF-8').contains('-2 * x * x')

// The fifth edits the main source the test source calls: both goals regenerate what calls it.
assert fifth.contains('ad4j: read 2 source files, generated for 1 of them (the rest, and what they depend on, are unchanged), 2 derivative classes in ' + main.parentFile.parentFile.canonicalPath + ': 1 written')
assert fifth.contains('ad4j: read 2 source files (and 2 files of context), generated for all, 1 derivative class in ' + test.parentFile.parentFile.canonicalPath)

// The sixth, of the unchanged project, finds both up to date again.
assert sixth.contains('ad4j: up to date, nothing generated (read 2 source files; 2 derivative classes in ' + main.parentFile.parentFile.canonicalPath + ' unchanged)')
assert sixth.contains('ad4j: up to date, nothing generated (read 2 source files (and 2 files of context); 1 derivative class in ' + test.parentFile.parentFile.canonicalPath + ' unchanged)')
return true
