// Runs after `mvn help:describe -Dplugin=io.github.ad4j:ad-maven-plugin -Ddetail`; basedir is the cloned project.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Goal Prefix: ad')

def goals = [
  'generate': ['encoding', 'excludes', 'failOnError', 'includes', 'outputDirectory', 'skip', 'sourceDirectory'],
  'generate-test': ['encoding', 'excludes', 'failOnError', 'includes', 'mainOutputDirectory', 'skip',
                    'skipTests', 'testOutputDirectory', 'testSourceDirectory'],
]
// The text of one goal: from its heading to the next goal's heading or the end.
def sections = log.split(/(?m)^ad:/).drop(1).collectEntries { [(it.readLines()[0].trim()): it] }
assert sections.keySet() == goals.keySet() : "goals described: ${sections.keySet()}"
goals.each { goal, parameters ->
  def text = sections[goal]
  assert text.contains('Description:') && !text.contains('(no description') : "goal ${goal} is undocumented"
  parameters.each { name ->
    // help:describe prints each parameter as `    name (Default: ...)`, the default sometimes
    // wrapped onto a line of its own, then its properties and description, indented further
    def block = text.split(/(?m)^ {4}(?=[a-zA-Z])/).find { it.startsWith(name + '\n') || it.startsWith(name + ' ') }
    assert block != null : "${goal}: parameter ${name} not described"
    def description = block.readLines().drop(1)
        .findAll { line -> !['${', 'User property:', 'Required:', 'Alias:', 'Since:'].any { line.trim().startsWith(it) } }.join(' ').trim()
    assert description.length() > 20 && !description.contains('(no description') : "${goal}: ${name} has no description: ${block}"
  }
}
assert sections['generate'].contains('User property: ad.skip')
assert sections['generate-test'].contains('User property: ad.testOutputDirectory')
return true
