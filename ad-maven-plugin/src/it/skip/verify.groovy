// Runs after the IT build, which must succeed; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('ad4j: skipped')

assert !new File(basedir, 'target/generated-sources/ad').exists() : 'skip still wrote output'
// The project itself was still built.
assert new File(basedir, 'target/classes/it/skip/Smooth.class').isFile()
return true
