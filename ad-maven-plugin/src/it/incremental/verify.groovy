// Runs after the three builds of invoker.properties; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 4 : 'not all three builds ran'
def (first, second, third) = [builds[0], builds[1], builds[2]]
def out = new File(basedir, 'target/generated-sources/ad/it')
def testsPassed = /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/

// 1. Five classes generated, and the caller's derivative matched finite differences.
assert first.contains('5 derivative classes in') && first.contains(': 5 written,')
assert first =~ testsPassed : 'the tests of the first build did not run'

// 2. Nothing changed: every generated file keeps its bytes and its timestamp, javac has nothing to do.
def before = new File(basedir, 'target/before-second-build/it')
def snapshots = []
before.eachFileRecurse(groovy.io.FileType.FILES) { snapshots << it }
assert snapshots.size() == 5 : "snapshot of the first build's output: ${snapshots}"
assert second.contains(': 0 written, 5 up to date, 0 stale removed') : 'the second build rewrote output'
assert second.contains('Nothing to compile') : 'the second build recompiled'
// (the third build rewrites some of them, so compare with what the third build found before editing)
def beforeThird = new File(basedir, 'target/before-third-build/it')
snapshots.each { snap ->
  def relative = before.toPath().relativize(snap.toPath()).toString()
  def after = new File(beforeThird, relative)
  assert after.lastModified() == snap.lastModified() : "${relative} was rewritten by the second build"
  assert after.bytes == snap.bytes
}

// 3. The edited callee is regenerated, and so is its caller in another, unedited file.
def shapesBefore = new File(beforeThird, 'shapes/ShapesGrad.java').getText('UTF-8')
def shapesAfter = new File(out, 'shapes/ShapesGrad.java').getText('UTF-8')
assert !shapesBefore.contains('dbumpdwidth') && shapesAfter.contains('public static double dbumpdwidth(')
def modelBefore = new File(beforeThird, 'model/ModelGrad.java').getText('UTF-8')
def modelAfter = new File(out, 'model/ModelGrad.java').getText('UTF-8')
assert modelBefore != modelAfter : "the caller's derivative was not regenerated"
assert modelAfter.contains('ShapesGrad.bumpPullback(a * b, 2.0, 1.0, bumpXCell, bumpWidthCell)')
// ... and the caller's derivative matches finite differences of the edited code.
assert third =~ testsPassed : 'the tests of the third build did not run'

// Output for a deleted file and an unannotated class is removed, an unannotated method's derivatives too.
assert !new File(out, 'gone/GoneGrad.java').exists() : 'output of a deleted file survived'
assert !new File(out, 'plain/PlainGrad.java').exists() : 'output of an unannotated class survived'
def partly = new File(out, 'partly/PartlyGrad.java').getText('UTF-8')
assert partly.contains('dkeptdx(') && !partly.contains('ddroppeddx(') : 'an unannotated method kept its derivative'
assert third.contains('3 derivative classes in') && third.contains('3 written, 0 up to date, 2 stale removed')
assert !new File(basedir, 'target/classes/it/gone/GoneGrad.class').exists() : 'a stale class was compiled'
return true
