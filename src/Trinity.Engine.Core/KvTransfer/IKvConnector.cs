namespace Trinity.Engine.KvTransfer;

/// <summary>A connector whose both sides live in this process (all-in-one, tests): the in-process prefill engine
/// publishes through it and the in-process decode engine fetches through it.</summary>
internal interface IKvConnector : IKvConnectorScheduler, IKvConnectorWorker;
