export declare const DEFAULT_DATA_DIR: string;
export declare function readEnvironment(): Record<string, string | undefined>;
export declare function bootSettings(env?: Record<string, string | undefined>): { dataDir: string; bundle: boolean };
