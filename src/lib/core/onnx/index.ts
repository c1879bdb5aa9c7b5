/** ONNX writers for the core's models (protobufjs with an inline onnx.proto subset; no codegen). */
export { gbdt_multi_to_onnx, gbdt_to_onnx, type OnnxExportOptions } from './gbdt_to_onnx';
