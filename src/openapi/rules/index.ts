/** The compatibility rules: ids, default severities and customer-facing messages. */
export { ruleFamilies, rules } from './catalogue.ts'
export { defineRule, type Rule, type RuleMessageInput, type Severity } from './rule.ts'
