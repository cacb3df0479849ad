// Runs after the IT build, which invoker.properties expects to fail; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
// The goal fails before anything is compiled, naming the missing dependency, rather than leaving
// javac to report "package io.github.ad4j.check does not exist" in a generated file.
assert log.contains('BUILD FAILURE')
assert log.contains('add the dependency io.github.ad4j:ad-check with <scope>test</scope>') : 'the message does not name ad-check'
assert !log.contains('does not exist')
assert !new File(basedir, 'target/generated-test-sources/ad-checks').exists()
return true
