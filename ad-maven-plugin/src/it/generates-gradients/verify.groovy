// Runs after the IT build (invoker postBuildHookScript); basedir is the cloned project.
def generated = new File(basedir, 'target/generated-sources/ad/it/gradients/FunctionsGrad.java')
assert generated.isFile() : "not generated: ${generated}"

def source = generated.getText('UTF-8')
['dfdx(', 'dfdy(', 'dwavedx(', 'dwavedy(', 'dscaleddx('].each {
  assert source.contains("public static double ${it}") : "FunctionsGrad has no ${it}"
}
assert !source.contains('dscaleddk') : 'k is not in wrt'

// The generated class must have been compiled, and the IT's own tests run (not skipped).
assert new File(basedir, 'target/classes/it/gradients/FunctionsGrad.class').isFile()
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/ : 'the IT tests did not run'

return true
