// Runs after the IT build, which invoker.properties expects to fail; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')

// The derivatives were generated (the rule is well-formed, only wrong), and so were the checks.
assert new File(basedir, 'target/generated-sources/ad/it/wrong/NetGrad.java').isFile()
assert new File(basedir, 'target/generated-test-sources/ad-checks/it/wrong/NetGradCheckTest.java').isFile()

// The build failed in the tests, at the check of the method that uses the wrong rule, and the
// report names it and its worst component.
assert log.contains('BUILD FAILURE')
assert log.contains('There are test failures') : 'did not fail in the tests'
assert log.contains('GradCheck of Net.unit: FAILED') : 'the failure does not name Net.unit'
assert log.contains('worst: ∂/∂w at point') : 'the report does not name the worst component'
assert log.contains('NetGradCheckTest.unit') : 'the failing test is not named'
// the check of the method that does not use the rule passed
assert !log.contains('GradCheck of Net.linear: FAILED')
def report = new File(basedir, 'target/surefire-reports/TEST-it.wrong.NetGradCheckTest.xml').getText('UTF-8')
assert report.contains('tests="2"') && report.contains('failures="1"') : 'expected 1 of 2 checks to fail'
return true
