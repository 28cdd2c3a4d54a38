export { loadScenarioFile, loadScenarioText, type LoadOptions, type LoadedScenario } from './load-scenario.js';
export { loadManifestText, type Manifest } from './load-manifest.js';
export { findSuites, loadSuite, MANIFEST_FILE } from './suite.js';
export { validateFiles, type FileValidation, type ValidateOptions } from './validate-files.js';
export { parseDuration } from './duration.js';
export { seedFromId } from './seed.js';
