/** The job form's groups, top to bottom. A new group is its file and one line here. */
import type { ComponentType } from 'react';
import { ActionGroup } from './action-group';
import { AlertsGroup } from './alerts-group';
import { EnvironmentGroup } from './environment-group';
import { FailureGroup } from './failure-group';
import type { GroupProps } from './group-props';
import { IdentityGroup } from './identity-group';
import { LimitsGroup } from './limits-group';
import { ScheduleGroup } from './schedule-group';

export const FORM_GROUPS: ReadonlyArray<{ key: string; Group: ComponentType<GroupProps> }> = [
  { key: 'job', Group: IdentityGroup },
  { key: 'schedule', Group: ScheduleGroup },
  { key: 'action', Group: ActionGroup },
  { key: 'failure', Group: FailureGroup },
  { key: 'limits', Group: LimitsGroup },
  { key: 'environment', Group: EnvironmentGroup },
  { key: 'alerts', Group: AlertsGroup },
];
