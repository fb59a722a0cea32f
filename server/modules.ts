import type { FeatureModule } from "./feature-module";
import { mediaModule } from "./media/media-module";
import { audienceModule } from "./audience";

// Feature modules register here (one line each).
export function featureModules(): FeatureModule[] {
  return [audienceModule(), mediaModule()];
}
