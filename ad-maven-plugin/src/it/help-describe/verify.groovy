// Runs after `mvn help:describe -Dplugin=io.github.ad4j:ad-maven-plugin -Ddetail`; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Goal Prefix: ad')

// The text of each goal: from its heading `ad:goal` to the next heading or the end.
def sections = log.split(/(?m)^ad:/).drop(1).collectEntries { [(it.readLines()[0].trim()): it] }
def count = (log =~ /This plugin has (\d+) goals?/)[0][1] as int
assert sections.size() == count : "goals described: ${sections.keySet()}"

// Each parameter is printed as `    name (Default: ...)`, the default sometimes wrapped onto a line
// of its own, then its properties and its description, indented further.
def parameters = { String text ->
  def list = text.split(/(?m)^\s*Available parameters:\s*$/)[1]
  list.split(/(?m)^ {4}(?=[a-zA-Z])/).drop(1).collectEntries { block ->
    def lines = block.readLines()
    def description = lines.drop(1)
        .findAll { line -> !['${', 'User property:', 'Required:', 'Alias:', 'Since:'].any { line.trim().startsWith(it) } }
        .join(' ').trim()
    [(lines[0].split(/\s/)[0]): description]
  }
}
def described = sections.collectEntries { goal, text ->
  assert text.contains('Description:') && !text.contains('(no description') : "goal ${goal} is undocumented"
  def params = parameters(text)
  params.each { name, description ->
    assert description.length() > 20 && !description.contains('(no description') : "${goal}: ${name} has no description"
  }
  [(goal): params.keySet()]
}

assert described['generate'] == ['encoding', 'excludes', 'failOnError', 'includes', 'outputDirectory', 'skip', 'sourceDirectory'] as Set
assert described['generate-test'] == ['encoding', 'excludes', 'failOnError', 'includes', 'mainOutputDirectory', 'skip',
                                      'skipTests', 'testOutputDirectory', 'testSourceDirectory'] as Set
assert described['generate-checks'] == ['encoding', 'excludes', 'includes', 'mainOutputDirectory', 'onlyAnnotated',
                                        'outputDirectory', 'skip',
                                        'skipGenerate', 'sourceDirectory'] as Set
assert sections['generate-checks'].contains('User property: ad.checks.onlyAnnotated')
assert sections['generate'].contains('User property: ad.skip')
assert sections['generate-test'].contains('User property: ad.testOutputDirectory')
return true
