// Microsoft's ONNX Runtime sources expect System.Reflection in scope (their SDK adds it implicitly).
global using System.Reflection;
