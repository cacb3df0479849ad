// Runs after the six builds of invoker.properties; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 7 : 'not all six builds ran'
def (first, second, third, fourth, fifth, sixth) = [builds[0], builds[1], builds[2], builds[3], builds[4], builds[5]]
def out = new File(basedir, 'target/generated-sources/ad/it')
def testsPassed = /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/

// 1. Five classes generated, and the caller's derivative matched finite differences.
assert first.contains('ad4j: read 5 source files, generated for all, 5 derivative classes in') && first.contains(': 5 written,')
assert first =~ testsPassed : 'the tests of the first build did not run'
def fingerprint = new File(basedir, 'target/ad4j/generate.fingerprint')
assert fingerprint.isFile() : 'the run was not recorded'

// 2. Nothing changed: every generated file keeps its bytes and its timestamp, javac has nothing to do.
def before = new File(basedir, 'target/before-second-build/it')
def snapshots = []
before.eachFileRecurse(groovy.io.FileType.FILES) { snapshots << it }
assert snapshots.size() == 5 : "snapshot of the first build's output: ${snapshots}"
assert second.contains('ad4j: up to date, nothing generated (read 5 source files; 5 derivative classes in ') : 'the second build did not skip generation'
assert !second.contains(' written, ') : 'the second build generated'
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
assert modelAfter.contains('ShapesGrad.bumpGradient(a * b, 2.0, bumpXCell, bumpWidthCell)')
// ... and the caller's derivative matches finite differences of the edited code.
assert third =~ testsPassed : 'the tests of the third build did not run'

// Output for a deleted file and an unannotated class is removed, an unannotated method's derivatives too.
assert !new File(out, 'gone/GoneGrad.java').exists() : 'output of a deleted file survived'
assert !new File(out, 'plain/PlainGrad.java').exists() : 'output of an unannotated class survived'
def partly = new File(out, 'partly/PartlyGrad.java').getText('UTF-8')
assert partly.contains('dkeptdx(') && !partly.contains('ddroppeddx(') : 'an unannotated method kept its derivative'
// (the caller, unedited, is generated again because it names the edited callee: all four are)
assert third.contains('ad4j: read 4 source files, generated for all, 3 derivative classes in') && third.contains('3 written, 0 up to date, 2 stale removed')
assert !new File(basedir, 'target/classes/it/gone/GoneGrad.class').exists() : 'a stale class was compiled'

// 4. A generated file deleted by hand and one edited by hand are regenerated as they were; the
//    third is not touched.
def beforeFourth = new File(basedir, 'target/before-fourth-build/it')
assert fourth.contains('ad4j: read 4 source files, generated for 2 of them (the rest, and what they depend on, are unchanged), 3 derivative classes in') : 'the fourth build did not generate the sources of what was deleted or edited, or generated more'
assert fourth.contains(': 2 written, 1 up to date, 0 stale removed') : 'the fourth build did not regenerate what was deleted or edited'
// (the sixth build edits Partly, so compare with what it found before editing)
def beforeSixth = new File(basedir, 'target/before-sixth-build/it')
['partly/PartlyGrad.java', 'shapes/ShapesGrad.java', 'model/ModelGrad.java'].each {
  assert new File(beforeSixth, it).bytes == new File(beforeFourth, it).bytes : "${it} is not what the third build generated"
}
assert new File(out, 'model/ModelGrad.java').lastModified() == new File(beforeFourth, 'model/ModelGrad.java').lastModified()
assert !new File(out, 'shapes/ShapesGrad.java').getText('UTF-8').contains('edited by hand')

// 5. Unchanged again: generation is skipped, and javac has nothing to do.
assert fifth.contains('ad4j: up to date, nothing generated (read 4 source files; 3 derivative classes in ') : 'the fifth build did not skip generation'
assert fifth.contains('Nothing to compile') : 'the fifth build recompiled'
assert fingerprint.getText('UTF-8').readLines().count { it.startsWith('file ') } == 3

// 6. One source edited that no other file names: only it is generated again, the other
//    derivatives are kept as they were, and its own is rewritten.
assert sixth.contains('ad4j: read 4 source files, generated for 1 of them (the rest, and what they depend on, are unchanged), 3 derivative classes in') : 'the sixth build generated more than the edited source'
assert sixth.contains(': 1 written, 2 up to date, 0 stale removed')
assert new File(out, 'partly/PartlyGrad.java').getText('UTF-8').contains('3 * Math.cos(3 * x)') : 'the edited source was not regenerated'
['shapes/ShapesGrad.java', 'model/ModelGrad.java'].each {
  assert new File(out, it).lastModified() == new File(beforeSixth, it).lastModified() : "${it} was rewritten"
}
// the report still covers every method, the kept sources' sections included
def report = new File(basedir, 'target/ad4j/report.md').getText('UTF-8')
['Shapes.bump', 'Model.energy', 'Partly.kept'].each { assert report.contains(it) : "the report lost ${it}" }
return true
