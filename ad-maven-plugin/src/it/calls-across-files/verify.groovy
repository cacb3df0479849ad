// Runs after the IT build; basedir is the cloned project.
def caller = new File(basedir, 'target/generated-sources/ad/it/model/ModelGrad.java')
def callee = new File(basedir, 'target/generated-sources/ad/it/shapes/ShapesGrad.java')
assert caller.isFile() && callee.isFile() : 'both derivative classes are generated'
// the caller reuses the callee's generated derivative instead of inlining it: for bump, a scalar
// function, its gradient form, whose partials the caller keeps (preaccumulation)
assert caller.getText('UTF-8').contains('it.shapes.ShapesGrad.bumpGradient(') : 'no gradient call'
// a callee that writes into its array is differentiated through its in/out pullback
assert caller.getText('UTF-8').contains('it.shapes.ShapesGrad.scaleInPlacePullbackInOut(') : 'no in/out pullback call'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/ : 'the IT tests did not run'
return true
