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

// The generation report: per method what is active and what each generated method tapes, with
// its memory as a formula of the loop's trip count (the loop of power is at line 37).
def report = new File(basedir, 'target/ad4j/report.md')
assert report.isFile() : "no generation report: ${report}"
def text = report.getText('UTF-8')
assert text.contains('### `Functions.f(double, double)` (Functions.java:12)') : text
assert text.contains('- with respect to: x, y') : text
assert text.contains('`dfdx(double, double)`: Nothing is taped.') : text
assert text.contains('`dpowerdx(double, int)`: Taped for the backward sweep: `tTape` (double, 8 bytes a'
    + ' value, pushed once a trip of the loop at line 37). Tape memory about 8·n37 bytes') : text
// and the generated Javadoc says the same
assert source.contains('Taped for the backward sweep: {@code tTape}') : 'no tape note in the Javadoc'

return true
