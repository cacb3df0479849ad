// Runs after the IT build (invoker postBuildHookScript); basedir is the cloned project.
def test = new File(basedir, 'target/generated-test-sources/ad-checks/it/checked/ModelGradCheckTest.java')
assert test.isFile() : "not generated: ${test}"
def source = test.getText('UTF-8')
['void f()', 'void loss()', 'void series()', 'void cube()'].each {
  assert source.contains(it) : "ModelGradCheckTest has no ${it}"
}
assert source.contains('ModelGrad.FGradient g = ModelGrad.fGradient(v[0], v[1]);')
assert source.contains('return Model.series(v[0], v[1], 6);') : '@CheckAt fixed was not applied'
assert !source.contains('void scaled()') : 'an instance method cannot be checked'

// The checks ran, as tests of the project, and passed.
def report = new File(basedir, 'target/surefire-reports/TEST-it.checked.ModelGradCheckTest.xml')
assert report.isFile() : 'the generated checks did not run'
def xml = report.getText('UTF-8')
assert xml.contains('tests="4"') && xml.contains('failures="0"') && xml.contains('errors="0"') : 'not 4 passing checks'

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[WARNING]') && log.contains('Model.java:50:10: no generated check for Model.scaled: an instance method') : 'no warning for the skipped instance method'

// The second build leaves the unchanged checks alone.
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 2 : 'the second build did not run'
assert builds[1].contains('ad4j: up to date, nothing generated (1 check class in ') : 'regenerated an unchanged check'
assert builds[1].contains('Model.java:50:10: no generated check for Model.scaled') : 'the skipped run did not replay the warning'
return true
