// Runs after both builds of invoker.properties; basedir is the cloned reactor.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/BUILD SUCCESS/)
assert builds.length >= 3 : 'not both builds ran'
assert builds[1].contains('MultiThreadedBuilder') && builds[1].contains('thread count of 2') : 'the second build was not parallel'

['alpha': 2, 'beta': 2].each { module, classes ->
  def single = new File(basedir, "${module}/single-threaded")
  def parallel = new File(basedir, "${module}/target/generated-sources/ad")
  def names = { File root ->
    def found = []
    root.eachFileRecurse(groovy.io.FileType.FILES) { found << root.toPath().relativize(it.toPath()).toString() }
    found.sort()
  }
  def expected = names(single)
  assert expected.size() == classes : "${module}: single-threaded output ${expected}"
  assert names(parallel) == expected : "${module}: the parallel build generated other files"
  expected.each {
    assert new File(parallel, it).bytes == new File(single, it).bytes : "${module}/${it} differs between -T 1 and -T 2"
  }
  // and the parallel build compiled them
  assert new File(basedir, "${module}/target/classes/it/${module}").list().any { it.endsWith('Grad.class') }
}
return true
