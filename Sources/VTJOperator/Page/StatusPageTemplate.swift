/// The status page's Mustache template, kept in the binary (a release binary installed on its own
/// has no resource bundle beside it).
///
/// Plain HTML for any browser, text browsers included: no script, no image, no external file; the
/// page reloads itself every 30 seconds through a meta refresh. Only `{{name}}` is used, which
/// Mustache HTML-escapes: never `{{{name}}}` or `{{& name}}` (a test holds the template to that).
enum StatusPageTemplate {
    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="30">
        <title>{{title}}: {{headline}}</title>
        <style>
        body { font-family: sans-serif; margin: 1em 2em; color: #222; }
        table { border-collapse: collapse; margin: 0.4em 0 1.2em; }
        th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        .problem { background: #fdd; border: 1px solid #c00; padding: 0.5em; }
        .serving { color: #060; }
        .not-serving { color: #c00; }
        tr.refused td, tr.failed td { background: #fee; }
        tr.waiting td { background: #ffd; }
        td.n { text-align: right; }
        footer { color: #555; font-size: 0.9em; }
        </style>
        </head>
        <body>
        <h1>vtjdrop: <span id="headline" class="{{#serving}}serving{{/serving}}{{^serving}}not-serving{{/serving}}">{{headline}}</span></h1>
        {{#problems}}
        <p class="problem">{{.}}</p>
        {{/problems}}
        <h2>Appliance</h2>
        <table id="summary">
        {{#summary}}
        <tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>
        {{/summary}}
        </table>
        <h2>Interface</h2>
        <table id="interface">
        {{#interface}}
        <tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>
        {{/interface}}
        </table>
        <h2>Departments</h2>
        {{#hasDepartments}}
        <table id="departments">
        <thead><tr><th>department</th><th>in inbox</th><th>oldest in inbox</th><th>in progress</th><th>waiting for retry</th><th>oldest waiting for</th><th>refused ({{failureWindowDays}} d)</th><th>quarantined ({{failureWindowDays}} d)</th><th>transient failures ({{failureWindowDays}} d)</th></tr></thead>
        <tbody>
        {{#departments}}
        <tr id="row-{{id}}"><td><a href="#department-{{id}}">{{id}}</a></td><td class="n">{{inInbox}}</td><td>{{oldestInInbox}}</td><td class="n">{{inProgress}}</td><td class="n">{{waitingForRetry}}</td><td>{{oldestWaiting}}</td><td class="n">{{refused}}</td><td class="n">{{quarantined}}</td><td class="n">{{transient}}</td></tr>
        {{/departments}}
        </tbody>
        </table>
        {{/hasDepartments}}
        {{^hasDepartments}}
        <p>No department is configured.</p>
        {{/hasDepartments}}
        {{#departments}}
        <section id="department-{{id}}">
        <h2>Department {{id}}</h2>
        <h3>Refused drops</h3>
        {{#hasRefusals}}
        <table class="refusals">
        <thead><tr><th>request</th><th>file</th><th>refused</th><th>reason</th></tr></thead>
        <tbody>
        {{#refusals}}
        <tr class="refused"><td>{{dropID}}</td><td>{{file}}</td><td>{{finished}}</td><td>{{error}}</td></tr>
        {{/refusals}}
        </tbody>
        </table>
        {{/hasRefusals}}
        {{^hasRefusals}}
        <p>None.</p>
        {{/hasRefusals}}
        <h3>Last {{recentLimit}} drops</h3>
        {{#hasRecent}}
        <table class="drops">
        <thead><tr><th>request</th><th>file</th><th>state</th><th>operation</th><th>claimed</th><th>finished</th><th>took</th><th>attempts</th><th>next attempt</th><th>last error</th></tr></thead>
        <tbody>
        {{#recent}}
        <tr class="{{phase}}"><td>{{dropID}}</td><td>{{file}}</td><td>{{state}}</td><td>{{operation}}</td><td>{{claimed}}</td><td>{{finished}}</td><td>{{took}}</td><td class="n">{{attempts}}</td><td>{{nextAttempt}}</td><td>{{error}}</td></tr>
        {{/recent}}
        </tbody>
        </table>
        {{/hasRecent}}
        {{^hasRecent}}
        <p>No drops yet.</p>
        {{/hasRecent}}
        </section>
        {{/departments}}
        <footer>
        <p>Read-only. No henkilötunnus or personal data is shown: file names and errors are masked as in the log, persons are counted only. <a href="/metrics">metrics</a> · <a href="/healthz">healthz</a> · <a href="/readyz">readyz</a></p>
        <ul id="versions">
        {{#versions}}
        <li>{{name}}: {{value}}</li>
        {{/versions}}
        </ul>
        </footer>
        </body>
        </html>

        """
}
