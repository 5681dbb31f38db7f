/** YAML text → located RuleDocuments through the real loader stage. */
import { parseYamlDocuments } from '../../engine/sigma/yaml-documents.js';

export const yamlDocuments = (text: string, file = 'test.yml') => parseYamlDocuments(file, text).documents;
