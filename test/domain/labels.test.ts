// Every option in the register definitions has a label in all three languages, and typed labels read back as keys.
import { REGISTERS } from '../../src/domain/registers';
import { LANGS } from '../../src/domain/types';
import { OPTION_LABELS, SERVER_TEXT, optionFromLabel, optionLabel, t } from '../../src/domain/labels';
import { UI_TEXT, uiTextFor } from '../../src/ui/text';
import { say } from '../../src/ui/forms';

const optionFields = Object.values(REGISTERS).flatMap((def) =>
  def.fields.filter((f) => f.options).map((f) => ({ register: def.key, field: f.key, options: f.options as readonly string[] })),
);
const everyOption = optionFields.flatMap(({ register, field, options }) => options.map((value) => [register, field, value] as const));

describe('OPTION_LABELS', () => {
  test('covers the enum and list fields of every register', () => {
    expect(optionFields.length).toBeGreaterThanOrEqual(16);
    for (const { register, field } of optionFields) expect(OPTION_LABELS[register]?.[field]).toBeDefined();
  });

  test.each(everyOption)('%s.%s = %s has a non-empty label in every language', (register, field, value) => {
    for (const lang of LANGS) {
      const label = OPTION_LABELS[register][field][value]?.[lang];
      expect(typeof label).toBe('string');
      expect(label.trim()).not.toBe('');
      expect(label).not.toBe(value);
    }
  });

  test('has no labels for options the registers do not define', () => {
    for (const [register, fields] of Object.entries(OPTION_LABELS)) {
      for (const [field, options] of Object.entries(fields)) {
        const def = REGISTERS[register as keyof typeof REGISTERS].fields.find((f) => f.key === field);
        expect(Object.keys(options).sort()).toEqual([...(def?.options ?? [])].sort());
      }
    }
  });

  test('labels within one field are distinct, so a typed label reads back as one option', () => {
    for (const { register, field, options } of optionFields) {
      for (const lang of LANGS) {
        const labels = options.map((v) => optionLabel(register, field, v, lang));
        expect(new Set(labels).size).toBe(labels.length);
      }
    }
  });
});

describe('optionLabel', () => {
  test.each([
    ['complaints', 'class', 'minor', 'zh-Hans', '轻微'],
    ['complaints', 'class', 'important', 'zh-Hans', '重要'],
    ['complaints', 'class', 'major', 'zh-Hant', '重大'],
    ['complaints', 'class', 'invalid', 'zh-Hant', '無效'],
    ['households', 'categories', 'tenant', 'zh-Hans', '租户'],
    ['households', 'categories', 'elderly_alone', 'zh-Hans', '独居老人'],
    ['households', 'categories', 'veteran', 'zh-Hans', '退役军人及军属'],
    ['violations', 'step', 'rectification_ordered', 'en', 'Rectification ordered'],
  ] as const)('%s.%s %s in %s is %s', (register, field, value, lang, label) => {
    expect(optionLabel(register, field, value, lang)).toBe(label);
  });

  test('shows an unknown value as it is', () => {
    expect(optionLabel('complaints', 'class', 'weird', 'zh-Hans')).toBe('weird');
    expect(optionLabel('nope', 'class', 'minor', 'en')).toBe('minor');
  });
});

describe('optionFromLabel', () => {
  test.each(everyOption)('%s.%s = %s round-trips through its key and every label', (register, field, value) => {
    expect(optionFromLabel(register, field, value)).toBe(value);
    for (const lang of LANGS) expect(optionFromLabel(register, field, OPTION_LABELS[register][field][value][lang])).toBe(value);
  });

  test.each([
    ['complaints', 'class', '  轻微 ', 'minor'],
    ['complaints', 'class', 'MAJOR', 'major'],
    ['complaints', 'class', '重大投诉', 'major'],
    ['households', 'categories', '租赁户', 'tenant'],
    ['violations', 'step', 'rectification ordered', 'rectification_ordered'],
  ] as const)('%s.%s reads %j as %s', (register, field, text, value) => {
    expect(optionFromLabel(register, field, text)).toBe(value);
  });

  test.each([
    ['complaints', 'class', '严重'],
    ['complaints', 'class', ''],
    ['complaints', 'status', '轻微'],
    ['complaints', 'subject', 'minor'],
    ['nope', 'class', 'minor'],
  ] as const)('%s.%s does not read %j', (register, field, text) => {
    expect(optionFromLabel(register, field, text)).toBeNull();
  });
});

describe('UI_TEXT and t()', () => {
  test('every string exists in every language', () => {
    for (const [key, l10n] of Object.entries(UI_TEXT)) {
      for (const lang of LANGS) expect([key, lang, l10n[lang]?.trim() ? 'ok' : 'empty']).toEqual([key, lang, 'ok']);
    }
  });

  test('placeholders are the same in every language', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const l10n of Object.values(UI_TEXT)) {
      expect(names(l10n['zh-Hant'])).toEqual(names(l10n['zh-Hans']));
      expect(names(l10n.en)).toEqual(names(l10n['zh-Hans']));
    }
  });

  test.each([
    ['menu.title', 'zh-Hans', undefined, '物业台账'],
    ['menu.open_form', 'zh-Hans', undefined, '打开登记表单'],
    ['menu.setup', 'zh-Hans', undefined, '初始化台账'],
    ['menu.install_triggers', 'zh-Hans', undefined, '安装提醒'],
    ['menu.uninstall_triggers', 'zh-Hans', undefined, '卸载提醒'],
    ['menu.verify_log', 'zh-Hans', undefined, '核验值班记录和归档'],
    ['menu.notice', 'zh-Hans', undefined, '生成文书'],
    ['err.required', 'zh-Hans', undefined, '必填'],
    ['err.format', 'zh-Hans', undefined, '格式不对'],
    ['err.future', 'zh-Hans', undefined, '不能晚于当前时间'],
    ['err.forbidden', 'zh-Hans', undefined, '无权操作'],
    ['err.conflict', 'zh-Hans', undefined, '记录已被他人修改，请刷新后再试'],
    ['ui.saved', 'zh-Hans', { id: 'C-2026-0001' }, '已登记，编号 C-2026-0001'],
    ['ui.saved', 'en', { id: 'C-2026-0001' }, 'Saved as C-2026-0001'],
    ['msg.log_ok', 'zh-Hant', { count: 12 }, '值班記錄完整，共 12 條'],
  ] as const)('%s in %s with %j reads %j', (key, lang, params, text) => {
    expect(say(uiTextFor(lang), key, params ?? {})).toBe(text);
    // The server says the menu and message strings itself, the same words.
    if (key in SERVER_TEXT) expect(t(key, lang, params)).toBe(text);
  });

  test('an unknown key comes back as itself; a missing parameter stays visible', () => {
    expect(t('no.such.key', 'en')).toBe('no.such.key');
    expect(t('msg.log_ok', 'en')).toBe('The duty log is intact ({count} entries)');
  });

  test('every error code the server returns has a message for the sidebar', () => {
    const codes = ['invalid', 'not_found', 'forbidden', 'conflict', 'precondition', 'busy', 'not_setup', 'quota', 'internal'];
    expect(codes.filter((c) => !UI_TEXT[`err.${c}`])).toEqual([]);
  });

  test('uiTextFor flattens one language', () => {
    const en = uiTextFor('en');
    expect(en['menu.title']).toBe('Estate registers');
    expect(Object.keys(en).length).toBe(Object.keys(UI_TEXT).length);
  });
});
