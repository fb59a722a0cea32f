import type { FeatureModule } from "./feature-module";
import { mediaModule } from "./media/media-module";
import { audienceModule } from "./audience";
import { remindersModule } from "./reminders/reminders-module";
import { analyticsModule } from "./analytics";

// Feature modules register here (one line each). Options not given come from lib/config.
export function featureModules(options: { rtmpPort?: number } = {}): FeatureModule[] {
  return [audienceModule(), mediaModule({ rtmpPort: options.rtmpPort }), remindersModule(), analyticsModule()];
}
