// A refused step names what to do first: the step before it and what that step asks for.
import { REGISTERS, RegisterDef } from '../../src/domain/registers';
import { fieldStep, missingStep } from '../../src/domain/prerequisite';

const act = (def: RegisterDef, key: string) => def.actions.find((a) => a.key === key)!;
const v = REGISTERS.violations;
const c = REGISTERS.complaints;

test('confirming rectification of a reported violation says to order rectification first, with its deadline', () => {
  expect(missingStep(v, act(v, 'confirm_rectified'), 'reported', 'zh-Hans')).toBe('先执行 限期整改，填写整改期限');
  expect(missingStep(v, act(v, 'confirm_rectified'), 'reported', 'zh-Hant')).toBe('先執行 限期整改，填寫整改期限');
  expect(missingStep(v, act(v, 'confirm_rectified'), 'reported', 'en')).toBe('First do Order rectification, giving Rectify by');
});

test('a step two away names the first step on the way; a closed record names none', () => {
  expect(missingStep(c, act(c, 'close'), 'received', 'zh-Hans')).toBe('先执行 处理完毕');
  expect(missingStep(v, act(v, 'cut'), 'reported', 'zh-Hans')).toBe('先执行 送达停水停电通知，填写计划停水停电时间');
  expect(missingStep(v, act(v, 'educate'), 'closed', 'zh-Hans')).toBeNull();
});

test('a blank field only an action fills names that action; a field a person types names none', () => {
  expect(fieldStep(v, 'rectify_by', 'zh-Hans')).toBe('先执行 限期整改，填写整改期限');
  expect(fieldStep(c, 'resolution', 'zh-Hans')).toBeNull();
});
