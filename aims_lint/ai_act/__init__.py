"""The EU AI Act's duties per AI system: what the inventory says, what that brings, what meets it.

Three steps, one module each (docs/ai-act.md):

- `classification`: an inventory record's `ai_act_roles`, `ai_act_class`,
  `ai_act_basis` and `ai_act_deployer_category`, read defensively (a value
  the schema rejects is the schema rules' finding, never a crash here);
- `obligations`: which artefacts that role, class, basis and deployer
  category require, the article each comes from, and the day each applies
  from, read from the `eu-ai-act` catalog's `applies_from`;
- `artefacts`: which documents in force count as an artefact, and for which
  systems.

`systems.standing` runs the three steps over an inventory for a day: each
duty in force and the documents that meet it. The rules AIMS1101-AIMS1149
are thin: `checking` turns the unmet duties a rule owns into its findings,
when `eu-ai-act` is a configured framework.
"""
